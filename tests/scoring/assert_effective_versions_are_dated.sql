{#- Effective versions have an effective date and no two start on the same day, so exactly one version is in
    effect on any day from the first effective_from on. -#}
select
    effective_from,
    count(*) as version_count
from {{ ref('definition_versions') }}
where status = 'effective'
group by effective_from
having effective_from is null or count(*) > 1
