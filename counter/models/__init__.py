"""SQLAlchemy tables of the local (and central) store."""

from counter.models.base import Base
from counter.models.channel import Channel, ChannelPayment, ChannelPaymentLine, ChannelSettlement, PublishQueue
from counter.models.collective import CollectiveMember, CollectivePayment, PaymentGroup
from counter.models.customer import BILL_STATUSES, CUSTOMER_STATUSES, Bill, Customer
from counter.models.outage import Outage
from counter.models.outbox import AuditRecord, OutboxEvent
from counter.models.payment import Payment, PaymentLine, ReceiptSequence
from counter.rules.payment_methods import PAYMENT_METHODS
from counter.models.plan import DocumentSequence, InstalmentPlan, InstalmentRuleRow, ReliefProgramme, WorkOrder
from counter.models.printing import PrintJob
from counter.models.shift import DayClosing, Deposit, Refund, Shift
from counter.models.sync import (
    ChangeSequence, Conflict, CustomerCredit, CustomerNote, Device, InboxEvent, SyncState,
)
from counter.models.reference import (
    ChargeType,
    Counter,
    FineSchemeRow,
    LoginState,
    Office,
    StampDutyRow,
    TariffBlock,
    TariffVersion,
    TariffGroup,
    User,
)

__all__ = [
    "CollectiveMember", "CollectivePayment", "PaymentGroup",
    "Channel", "ChannelPayment", "ChannelPaymentLine", "ChannelSettlement", "PublishQueue",
    "Base", "Bill", "Customer", "BILL_STATUSES", "CUSTOMER_STATUSES", "AuditRecord",
    "Outage", "OutboxEvent", "PAYMENT_METHODS", "Payment", "PaymentLine", "ReceiptSequence",
    "DocumentSequence", "InstalmentPlan", "InstalmentRuleRow", "ReliefProgramme", "WorkOrder",
    "PrintJob", "DayClosing", "Deposit", "Refund", "Shift", "ChangeSequence", "Conflict", "CustomerCredit", "CustomerNote", "Device", "InboxEvent", "SyncState",
    "ChargeType", "Counter", "FineSchemeRow", "LoginState", "Office", "StampDutyRow", "TariffBlock", "TariffGroup", "TariffVersion", "User",
]
