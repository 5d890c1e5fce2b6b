"""What happened after a person was scored: their account, sales acceptance (SQL), opportunity and pipeline.

Calibration, thresholds, the backtest and the review all ask "of these people, as of these dates, how many
reached SQL, an opportunity, pipeline, within N days?". The answer is read from the warehouse marts here, once.
Reads only: a DuckDB connection opened read-only on a built warehouse.

Until the handoff marts land (fct_mql_handoffs), sales acceptance is read from lead history through the
lead_status_mapping seed (dispositions `sales_accepted` and `converted`), and a person's account is the
warehouse's own match (int_persons_matched_to_accounts when the accounts layer is built, else the contact's
account or a non-free-mail email domain equal to an account's website domain).
"""

from __future__ import annotations

import duckdb

SQL_DISPOSITIONS = ("sales_accepted", "converted")


def has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    """Whether the warehouse has a table or view `schema.name`."""
    rows = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchall()
    return bool(rows and rows[0][0])


def has_column(con: duckdb.DuckDBPyConnection, schema: str, name: str, column: str) -> bool:
    """Whether `schema.name` has a column."""
    rows = con.execute(
        "select count(*) from information_schema.columns where table_schema = ? and table_name = ? and column_name = ?",
        [schema, name, column],
    ).fetchall()
    return bool(rows and rows[0][0])


def person_accounts_sql(con: duckdb.DuckDBPyConnection) -> str:
    """A query of (person_id, account_id): every person of dim_persons with the account they belong to, if any."""
    if has_relation(con, "intermediate", "int_persons_matched_to_accounts") and has_column(
        con, "intermediate", "int_persons_matched_to_accounts", "account_id"
    ):
        return (
            "select persons.person_id, coalesce(matched.account_id, persons.account_id) as account_id "
            "from marts.dim_persons as persons "
            "left join intermediate.int_persons_matched_to_accounts as matched on persons.person_id = matched.person_id"
        )
    return """
        select persons.person_id, coalesce(persons.account_id, by_domain.account_id) as account_id
        from marts.dim_persons as persons
        left join (
            select website_domain, min(account_id) as account_id
            from staging.stg_salesforce__accounts
            where website_domain is not null
            group by website_domain
        ) as by_domain
            on persons.account_id is null
            and not coalesce(persons.is_free_email_domain, false)
            and persons.email_domain = by_domain.website_domain
    """


def sales_accepted_sql() -> str:
    """A query of (person_id, accepted_on): each day sales accepted (qualified or converted) one of a person's leads."""
    dispositions = ", ".join(f"'{d}'" for d in SQL_DISPOSITIONS)
    return f"""
        select distinct records.person_id, cast(history.valid_from_at as date) as accepted_on
        from staging.stg_salesforce__lead_history as history
        inner join reference.lead_status_mapping as mapping on history.lead_status = mapping.lead_status
        inner join intermediate.int_person_records_mapped as records on history.lead_id = records.record_id
        where mapping.disposition in ({dispositions}) and history.valid_from_at is not null
    """


def outcomes_sql(con: duckdb.DuckDBPyConnection, anchors_sql: str, horizon_days: int) -> str:
    """Each anchor row (person_id, anchor_date, ...) with what followed within `horizon_days` (inclusive of the day).

    Adds: account_id, reached_sql (accepted by sales, or an opportunity at the account), reached_opportunity,
    opportunity_won (an opportunity of the horizon that is closed won), pipeline_amount (amount of the
    account's opportunities created in the horizon), and days_observed (how much of the horizon the data covers).
    """
    horizon = int(horizon_days)
    return f"""
        with anchors as ({anchors_sql}),
        accounts as ({person_accounts_sql(con)}),
        accepted as ({sales_accepted_sql()}),
        opportunities as (
            select account_id, created_date, coalesce(amount, 0) as amount, coalesce(is_won, false) as is_won
            from marts.fct_opportunities
            where account_id is not null
        ),
        data_end as (select max(event_date) as last_day from marts.fct_engagement_events),
        opportunity_outcomes as (
            select
                anchors.person_id,
                anchors.anchor_date,
                count(opportunities.account_id) as opportunities,
                sum(case when opportunities.is_won then 1 else 0 end) as won,
                coalesce(sum(opportunities.amount), 0) as pipeline_amount
            from (select distinct person_id, anchor_date from anchors) as anchors
            inner join accounts on anchors.person_id = accounts.person_id
            inner join opportunities
                on accounts.account_id = opportunities.account_id
                and opportunities.created_date >= anchors.anchor_date
                and opportunities.created_date <= anchors.anchor_date + {horizon}
            group by anchors.person_id, anchors.anchor_date
        ),
        accepted_outcomes as (
            select distinct anchors.person_id, anchors.anchor_date
            from (select distinct person_id, anchor_date from anchors) as anchors
            inner join accepted
                on anchors.person_id = accepted.person_id
                and accepted.accepted_on >= anchors.anchor_date
                and accepted.accepted_on <= anchors.anchor_date + {horizon}
        )
        select
            anchors.*,
            accounts.account_id,
            coalesce(opportunity_outcomes.opportunities, 0) > 0 as reached_opportunity,
            coalesce(opportunity_outcomes.opportunities, 0) > 0 or accepted_outcomes.person_id is not null
                as reached_sql,
            coalesce(opportunity_outcomes.won, 0) > 0 as opportunity_won,
            cast(coalesce(opportunity_outcomes.pipeline_amount, 0) as double) as pipeline_amount,
            least({horizon}, greatest(0, data_end.last_day - anchors.anchor_date)) as days_observed
        from anchors
        cross join data_end
        left join accounts on anchors.person_id = accounts.person_id
        left join opportunity_outcomes
            on anchors.person_id = opportunity_outcomes.person_id
            and anchors.anchor_date = opportunity_outcomes.anchor_date
        left join accepted_outcomes
            on anchors.person_id = accepted_outcomes.person_id
            and anchors.anchor_date = accepted_outcomes.anchor_date
    """
