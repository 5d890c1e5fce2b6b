{#- Every definition version in use - effective, or carried by any score or MQL - is signed off by both teams:
    a name and a date for marketing and for sales, both on or before the day it took effect unless the version
    records a restatement reason (a deliberate, signed restatement of published history). -#}
with

definition_versions as (

    select * from {{ ref('definition_versions') }}

),

versions_in_use as (

    select definition_version from definition_versions
    where status = 'effective'
    union
    select definition_version from {{ ref('fct_mqls') }}
    where definition_version is not null
    union
    select definition_version from {{ ref('fct_person_daily_scores') }}

)

select
    versions_in_use.definition_version,
    definition_versions.status,
    definition_versions.effective_from,
    definition_versions.marketing_signed_by,
    definition_versions.marketing_signed_at,
    definition_versions.sales_signed_by,
    definition_versions.sales_signed_at
from versions_in_use
left join definition_versions
    on versions_in_use.definition_version = definition_versions.definition_version
where
    definition_versions.definition_version is null
    or definition_versions.status <> 'effective'
    or definition_versions.effective_from is null
    or coalesce(trim(definition_versions.marketing_signed_by), '') = ''
    or coalesce(trim(definition_versions.sales_signed_by), '') = ''
    or definition_versions.marketing_signed_at is null
    or definition_versions.sales_signed_at is null
    or (
        definition_versions.restatement_reason is null
        and (
            definition_versions.marketing_signed_at > definition_versions.effective_from
            or definition_versions.sales_signed_at > definition_versions.effective_from
        )
    )
