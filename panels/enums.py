from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONFIRMED = "confirmed", _("confirmed")


class Outcome(models.TextChoices):
    SELECTED = "selected", _("selected")
    WAITLISTED = "waitlisted", _("waitlisted")
    NOT_SELECTED = "not_selected", _("not selected")


class Response(models.TextChoices):
    """A selected speaker's answer to the invitation."""

    PENDING = "pending", _("no answer yet")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")


class DecisionAction(models.TextChoices):
    SUGGESTED = "suggested", _("asked for the suggested panel")
    CHANGED = "changed", _("changed the panel")
    PINNED = "pinned", _("changed the pins and exclusions")
    CONFIRMED = "confirmed", _("confirmed the panel")
    REOPENED = "reopened", _("reopened the panel")
    SENT = "sent", _("sent the outcome emails")
    SENT_EARLY = "sent_early", _("sent the outcomes before the call closed")
    DECLINED = "declined", _("a speaker declined")
    WITHDREW = "withdrew", _("a speaker withdrew")
    REPLACED = "replaced", _("invited a replacement")
    COMPLETE = "complete", _("told the waitlist the panel is complete")


class TimetableStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Sharing(models.TextChoices):
    """What a speaker allows for one item of their statement: consent is per item, and
    nothing is public without it."""

    PRIVATE = "private", _("Do not publish")
    NAMED = "named", _("Publish with our organisation's name")
    ANONYMOUS = "anonymous", _("Publish as “an organisation from” our country")


class StatementLanguage(models.TextChoices):
    """The language of a statement, so that the search understands its words."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    OTHER = "other", _("Another language")


class Cleaning(models.TextChoices):
    """Whether a file has a copy without its author's details, the only one served when
    the organisation is not named, or why it cannot have one."""

    NOT_PREPARED = "", _("not prepared yet")
    CLEANED = "cleaned", _("cleaned of its author's details")
    OLD_WORD_FORMAT = "old_word", _("cannot be cleaned: Word 97-2003 (.doc)")
    UNREADABLE = "unreadable", _("cannot be cleaned: the file could not be read")
    EMBEDDED_OBJECT = "embedded", _("cannot be cleaned: it holds an embedded file or object")
    SIGNED = "signed", _("cannot be cleaned: it is digitally signed")


class RecordResponse(models.TextChoices):
    """The State under Review's response to a recommendation made at its review."""

    SUPPORTED = "supported", _("supported")
    NOTED = "noted", _("noted")


class ImportFormat(models.TextChoices):
    OHCHR_MATRIX = "xlsx", _("OHCHR matrix of recommendations (.xlsx)")
    UPR_INFO = "csv", _("UPR Info database export (.csv)")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("being checked")
    CHECKED = "checked", _("checked: ready to import")
    IMPORTING = "importing", _("being imported")
    DONE = "done", _("imported")
    FAILED = "failed", _("cannot be imported")


class MatchStatus(models.TextChoices):
    """Staff's decision on a proposed match between a Pre-session recommendation and a
    recommendation made at the review."""

    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class DocumentStatus(models.TextChoices):
    """Staff's decision on an advocacy document an observer brings for the missions."""

    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")
