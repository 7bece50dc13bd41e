"""Pump controller PC-9 logic for P-100 series pumps (Axess Flow Systems)."""
from dataclasses import dataclass

MAX_MOTOR_CURRENT_A = 14.2      # motor M-200 overload trip
MAX_SEAL_TEMP_C = 90.0          # alarm 0x31 above this
MIN_FLOW_FRACTION = 0.25        # of rated flow; below this recirculation heats the fluid
RATED_FLOW_M3H = {"P-101A": 45.0, "P-101B": 60.0, "P-102": 90.0}

@dataclass
class Reading:
    pump: str
    flow_m3h: float
    motor_current_a: float
    seal_temp_c: float

def alarms(r: Reading) -> list[int]:
    """Return the alarm codes raised by reading `r`."""
    codes = []
    if r.motor_current_a > MAX_MOTOR_CURRENT_A:
        codes.append(0x2A)
    if r.seal_temp_c > MAX_SEAL_TEMP_C:
        codes.append(0x31)
    if r.flow_m3h < MIN_FLOW_FRACTION * RATED_FLOW_M3H[r.pump]:
        codes.append(0x12)  # minimum-flow alarm
    return codes
