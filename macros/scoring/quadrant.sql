{#- The fit x intent quadrant and the action it implies, shared by daily scores, MQLs and dim_persons.
    High fit: fit at or above the version's fit_high_cutoff; high intent: intent at or above its
    intent_high_cutoff.
    - high fit, high intent -> route_to_sales: ready, and the right people;
    - high fit, low intent  -> nurture: the right people, not ready yet;
    - low fit, high intent  -> monitor: active, but not who we sell to (students, competitors, poor fit);
    - low fit, low intent   -> deprioritise. -#}
{% macro fit_intent_quadrant(fit, intent, fit_cutoff, intent_cutoff) -%}
    case
        when {{ fit }} >= {{ fit_cutoff }} and {{ intent }} >= {{ intent_cutoff }} then 'high_fit_high_intent'
        when {{ fit }} >= {{ fit_cutoff }} then 'high_fit_low_intent'
        when {{ intent }} >= {{ intent_cutoff }} then 'low_fit_high_intent'
        else 'low_fit_low_intent'
    end
{%- endmacro %}

{% macro quadrant_action(fit, intent, fit_cutoff, intent_cutoff) -%}
    case
        when {{ fit }} >= {{ fit_cutoff }} and {{ intent }} >= {{ intent_cutoff }} then 'route_to_sales'
        when {{ fit }} >= {{ fit_cutoff }} then 'nurture'
        when {{ intent }} >= {{ intent_cutoff }} then 'monitor'
        else 'deprioritise'
    end
{%- endmacro %}
