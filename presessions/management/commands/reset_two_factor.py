"""Reset the second factor of a staff member who lost their phone and backup codes:

    manage.py reset_two_factor <username>

Their authenticator app and backup codes are removed; at their next login they sign in
with the password and set up a new authenticator (and get new backup codes). Check who
is asking before running it: it is what stands between a stolen password and the data."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from presessions.two_factor import reset_two_factor


class Command(BaseCommand):
    help = "Remove a staff member's authenticator app and backup codes (lost phone)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="the user name they log in with")

    def handle(self, *args, username: str, **options) -> None:
        users = get_user_model()
        try:
            user = users.objects.get(**{users.USERNAME_FIELD: username})
        except users.DoesNotExist:
            raise CommandError(
                f"No user has the user name {username!r}; nothing changed."
            ) from None
        reset = reset_two_factor(user=user)
        if not (reset.authenticators or reset.backup_codes):
            self.stdout.write(f"{username} had no authenticator app and no backup codes.")
            return
        self.stdout.write(
            f"Removed {reset.authenticators} authenticator app(s) and {reset.backup_codes} "
            f"unused backup code(s) of {username}. Their current sessions no longer count "
            "as confirmed; at the next login they set up a new authenticator."
        )
