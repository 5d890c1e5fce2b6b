{#- Every back-solved route is either a number or null with its reason, never both nor neither; a number needs
    every measured input of its route to be positive. Returns the offending periods. -#}
with

mrt_mql_volume_required as (

    select * from {{ ref('mrt_mql_volume_required') }}

)

select
    period_grain,
    period_start_date,
    mqls_required_for_pipeline,
    pipeline_route_null_reason,
    mqls_required_for_bookings,
    bookings_route_null_reason
from mrt_mql_volume_required
where
    (mqls_required_for_pipeline is null) = (pipeline_route_null_reason is null)
    or (mqls_required_for_bookings is null) = (bookings_route_null_reason is null)
    or (
        mqls_required_for_pipeline is not null
        and not (avg_opportunity_amount > 0 and mql_to_opportunity_rate > 0 and pipeline_target_amount >= 0)
    )
    or (
        mqls_required_for_bookings is not null
        and not (acv > 0 and win_rate > 0 and mql_to_opportunity_rate > 0 and bookings_target_amount >= 0)
    )
