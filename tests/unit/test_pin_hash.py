"""The PIN hash's cost: the real one is strong; only the test suite makes cheap hashes
(COUNTER_TEST_CHEAP_HASH, set by tests/conftest.py). The time a guess takes is
measured by bench/pin_hash.py, not here."""

import os
import subprocess
import sys

from counter.services import approval


def test_the_cost_is_the_strong_one_unless_the_tests_ask():
    assert approval.scrypt_cost({}) == approval.STRONG == dict(n=2**16, r=8, p=2)
    assert approval.scrypt_cost({"COUNTER_TEST_CHEAP_HASH": "0"}) == approval.STRONG
    assert approval.scrypt_cost({"COUNTER_TEST_CHEAP_HASH": "1"}) == approval.CHEAP
    n, r, p = approval.STRONG["n"], approval.STRONG["r"], approval.STRONG["p"]
    assert n * r * p >= 2**20 and 128 * r * n >= 64 * 2**20  # 4x the old work, 64 MB a guess


def test_a_program_started_without_the_test_switch_makes_strong_hashes():
    env = {k: v for k, v in os.environ.items() if k != "COUNTER_TEST_CHEAP_HASH"}
    made = subprocess.run([sys.executable, "-c", "from counter.services.approval import SCRYPT, hash_secret;"
                           "print(SCRYPT); print(hash_secret('kepala123', 'admin'))"],
                          env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    assert made[0] == "{'n': 65536, 'r': 8, 'p': 2}"
    assert made[1].startswith("scrypt$65536$8$2$")
    assert approval.verify_secret("kepala123", made[1])  # its own parameters, read from the hash
    assert not approval.verify_secret("kepala124", made[1])


def test_hashes_say_their_parameters_and_absurd_ones_are_not_tried():
    cheap = approval.hash_secret("123456", "cashier")
    assert cheap.startswith(f"scrypt${approval.SCRYPT['n']}$") and approval.verify_secret("123456", cheap)
    _, _, r, p, salt, digest = cheap.split("$")
    assert not approval.verify_secret("123456", f"scrypt${2**30}${r}${p}${salt}${digest}")
    assert not approval.verify_secret("123456", "bcrypt$x")
