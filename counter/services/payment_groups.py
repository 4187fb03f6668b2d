"""Saved groups of connections paid together (a housing complex, a company, a
family): a short code to type, a name printed on the summary, and the
connection numbers in paying order. Local to the counter's store; saving or
deleting one is audited. Every number is checked when the group is saved, and
a bad one saves nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import Customer, PaymentGroup, User
from counter.services import audit
from counter.services.approval import authorise
from counter.services.collective import MAX_MEMBERS
from counter.services.context import Desk
from counter.services.lookup import STATUS_LABELS, customer_by_number
from counter.store.uow import UnitOfWork

_CODE = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")


@dataclass(frozen=True)
class GroupMember:
    number: str
    name: str
    status: str  # as a cashier reads it: "Aktif", "Disegel" ...


@dataclass(frozen=True)
class GroupView:
    code: str
    name: str
    numbers: tuple[str, ...]  # in paying order
    saved_at: dt.datetime
    saved_by: str  # username
    members: tuple[GroupMember, ...] = ()  # read by `show_group` only

    @property
    def label(self) -> str:
        """Who pays, as the summary receipt says it."""
        return self.name or self.code


def clean_code(text: object) -> str:
    """A group's code as kept: `Griya-Asri` -> `griya-asri`."""
    code = str(text or "").strip().lower()
    if not _CODE.fullmatch(code):
        raise InvalidInput(f"Kode grup {quoted(text)} tidak sah: huruf kecil, angka, '.', '-' atau '_', "
                           "maksimal 40, diawali huruf atau angka (mis. griya-asri).")
    return code


def _view(group: PaymentGroup, username: str, members: tuple[GroupMember, ...] = ()) -> GroupView:
    return GroupView(group.code, group.name, tuple(group.numbers), group.saved_at, username, members)


def _find(session, code: str) -> PaymentGroup:  # noqa: ANN001 - Session
    group = session.scalars(select(PaymentGroup).where(PaymentGroup.code == clean_code(code))).first()
    if group is None:
        raise NotFound(f"Grup {quoted(code)} tidak ada di loket ini (lihat 'counter group list').")
    return group


def save_group(uow: UnitOfWork, desk: Desk, code: str, name: str, numbers: list[str]) -> GroupView:
    """Save (or replace) group `code` with `numbers`; an unknown, repeated or
    missing number refuses it all, naming each one."""
    authorise(desk, "pay")  # who takes money keeps the groups they take it for
    code = clean_code(code)
    name = " ".join(str(name or "").split())
    if len(name) > 120:
        raise InvalidInput("Nama grup terlalu panjang (maksimal 120 huruf).")
    numbers = [str(n).strip() for n in numbers]
    if not numbers or not all(numbers):
        raise InvalidInput("Sebutkan nomor sambungan anggota grup (minimal satu; tidak boleh kosong).")
    if len(numbers) > MAX_MEMBERS:
        raise InvalidInput(f"Satu grup paling banyak {MAX_MEMBERS} sambungan.")
    with uow.writing():
        session = uow.session
        found, problems = [], []
        for typed in numbers:
            try:
                number = customer_by_number(session, typed).number
            except (NotFound, InvalidInput) as error:
                problems.append(str(error))
                continue
            if number in found:
                problems.append(f"Sambungan {number} disebut dua kali.")
            found.append(number)
        if problems:
            raise InvalidInput(f"Grup {code} tidak disimpan: " + " ".join(problems))
        group = session.scalars(select(PaymentGroup).where(PaymentGroup.code == code)).first()
        if group is None:
            group = PaymentGroup(code=code)
            session.add(group)
        group.name, group.numbers, group.saved_at, group.saved_by = name, found, desk.now(), desk.user_id
        audit.append(session, "group.saved", code, {"name": name, "numbers": found}, **audit.by(desk))
        uow.commit()
        return _view(group, desk.username)


def delete_group(uow: UnitOfWork, desk: Desk, code: str) -> GroupView:
    authorise(desk, "pay")
    with uow.writing():
        group = _find(uow.session, code)
        gone = _view(group, desk.username)
        uow.session.delete(group)
        audit.append(uow.session, "group.deleted", group.code, {"numbers": group.numbers}, **audit.by(desk))
        uow.commit()
        return gone


def list_groups(uow: UnitOfWork) -> list[GroupView]:
    with uow:
        users = dict(uow.session.execute(select(User.id, User.username)).all())
        return [_view(g, users.get(g.saved_by, "")) for g in uow.session.scalars(
            select(PaymentGroup).order_by(PaymentGroup.code))]


def show_group(uow: UnitOfWork, code: str) -> GroupView:
    """The group with each connection's name and status as the store has them now."""
    with uow:
        session = uow.session
        group = _find(session, code)
        customers = {c.number: c for c in session.scalars(select(Customer).where(Customer.number.in_(group.numbers)))}
        members = tuple(GroupMember(n, customers[n].name if n in customers else "(tidak ada lagi)",
                                    STATUS_LABELS.get(customers[n].status, customers[n].status) if n in customers
                                    else "") for n in group.numbers)
        return _view(group, session.scalar(select(User.username).where(User.id == group.saved_by)) or "", members)
