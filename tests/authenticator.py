"""The codes an authenticator app would show, for the staff login tests."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def next_code(device: TOTPDevice) -> str:
    """A code the app shows that the device has not accepted yet: the time step after the
    last one used, or the current one, as the device counts (with the drift it learnt if
    the first code arrived across a step boundary)."""
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step + device.drift
    step = max(device.last_t + 1, now)
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits)
    clock.time = device.t0 + step * device.step
    return f"{clock.token():0{device.digits}d}"
