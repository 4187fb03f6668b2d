from alembic import context

from counter.models import Base

connection = context.config.attributes["connection"]
# The FTS5 search tables and their shadow tables are made by raw SQL (0002).
SEARCH_TABLES = ("customer_names", "customer_words", "customer_trigram")


def include_name(name, type_, _parent_names) -> bool:  # noqa: ANN001
    return not (type_ == "table" and name.startswith(SEARCH_TABLES))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
