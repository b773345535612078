import { registry } from "@web/core/registry";

// Opens the Collections cockpit on the test's data: the headline figures, the aging,
// the 13-week forecast with its backtest error, then one link into the pivot.
registry.category("web_tour.tours").add("ar_collections_cockpit_tour", {
    url: "/odoo/action-ar_collections_agent.ar_collection_cockpit_action",
    steps: () => [
        {
            content: "countback DSO shown in days",
            trigger: ".o_arc_card[data-metric='dso_countback'] .o_arc_value:contains('days')",
        },
        {
            content: "CEI shown as a percent",
            trigger: ".o_arc_card[data-metric='cei'] .o_arc_value:contains('%')",
        },
        {
            content: "cash recovered shown",
            trigger: ".o_arc_card[data-metric='cash_recovered'] .o_arc_value:not(:contains('n/a'))",
        },
        {
            content: "a trend against last month",
            trigger: ".o_arc_card[data-metric='dso_countback'] .o_arc_trend:contains('vs last month')",
        },
        {
            content: "reminders avoided by reason",
            trigger: ".o_arc_avoided span[data-reason='reliable']",
        },
        {
            content: "aging with an overdue bucket",
            trigger: ".o_arc_aging [data-bucket='31-60'] .o_arc_bar:not([style*='width: 0%'])",
        },
        {
            content: "13 forecast weeks",
            trigger: ".o_arc_forecast .o_arc_week[data-week='13']",
        },
        {
            content: "the forecast's backtest error",
            trigger: ".o_arc_backtest:contains('Backtest error (weekly WAPE)')",
        },
        {
            content: "open the pivot",
            trigger: ".o_arc_open_pivot",
            run: "click",
        },
        {
            content: "the pivot of the monthly figures",
            trigger: ".o_pivot_view .o_pivot",
        },
        {
            content: "back to the cockpit",
            trigger: ".breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "the cockpit again, with its forecast",
            trigger: ".o_arc_cockpit .o_arc_forecast .o_arc_week[data-week='1']",
        },
    ],
});
