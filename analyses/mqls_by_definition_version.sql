-- MQL volume per month and definition version: a change of definition (v1 -> v2 lowered the threshold from
-- 70 to 60) shows as a change of version, never as a silent change in buyers.
with

fct_mqls as (

    select * from {{ ref('fct_mqls') }}

),

final as (

    select
        definition_version,
        {{ dbt.date_trunc('month', 'mql_date') }} as mql_month,
        count(*) as mqls,
        sum(case when is_hot_mql then 1 else 0 end) as hot_mqls
    from fct_mqls
    group by 1, 2

)

select * from final
order by 2, 1
