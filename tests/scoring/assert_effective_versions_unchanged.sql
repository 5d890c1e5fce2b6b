{#- An effective version is never edited: its rows in the definition seeds must still hash to the fingerprint
    committed in definition_fingerprints when it became effective. A change to an effective version's threshold,
    gate, rules, exclusions or sign-offs fails here; the way to change the definition is a new version.
    (Record a new effective version's fingerprint with `dbt run-operation print_definition_fingerprints`.) -#}
with

current_fingerprints as (

    {{ handoff.definition_fingerprints_sql() }}

),

committed as (

    select * from {{ ref('definition_fingerprints') }}

),

effective_versions as (

    select definition_version from {{ ref('definition_versions') }}
    where status = 'effective'

)

select
    effective_versions.definition_version,
    committed.fingerprint as committed_fingerprint,
    current_fingerprints.fingerprint as current_fingerprint
from effective_versions
left join committed
    on effective_versions.definition_version = committed.definition_version
left join current_fingerprints
    on effective_versions.definition_version = current_fingerprints.definition_version
where
    committed.fingerprint is null
    or current_fingerprints.fingerprint is null
    or committed.fingerprint <> current_fingerprints.fingerprint
