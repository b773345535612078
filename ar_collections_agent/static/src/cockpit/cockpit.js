import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { Component, onWillStart, useState } from "@odoo/owl";

const METRIC_ACTION = "ar_collections_agent.ar_collection_metric_action";
const FORECAST_ACTION = "ar_collections_agent.ar_collection_forecast_action";

// key: the figure in PeriodFigures.to_dict(); field: the ar.collection.metric measure.
// better: which way a change is good ("down" for days and contacts).
const HEADLINES = [
    { key: "dso_countback", label: _t("DSO (countback)"), kind: "days", better: "down" },
    { key: "best_possible_dso", label: _t("Best possible DSO"), kind: "days", better: "down" },
    { key: "average_days_delinquent", label: _t("Average days delinquent"), kind: "days", better: "down" },
    { key: "cei", label: _t("CEI"), kind: "percent100", better: "up" },
    { key: "cash_recovered", label: _t("Cash recovered"), kind: "money", better: "up" },
    { key: "cash_collected", label: _t("Cash collected"), kind: "money", better: "up" },
    { key: "reply_rate", label: _t("Reply rate"), kind: "ratio", better: "up" },
    { key: "promise_conversion", label: _t("Promise-to-pay conversion"), kind: "ratio", better: "up" },
    { key: "promise_kept_rate", label: _t("Promises kept"), kind: "ratio", better: "up" },
    { key: "resolved_without_person", label: _t("Resolved without a person"), kind: "ratio", better: "up" },
    { key: "contacts_per_1000", label: _t("Contacts per 1,000 recovered"), kind: "number", better: "down" },
    { key: "reminders_avoided", label: _t("Reminders avoided"), kind: "count", better: "up" },
];
const AGING = ["current", "1-30", "31-60", "61-90", "90+"];
const AVOIDED = [
    ["paid", _t("paid")],
    ["disputed", _t("disputed")],
    ["promised", _t("promised")],
    ["reliable", _t("reliable payer")],
];

export class CollectionsCockpit extends Component {
    static template = "ar_collections_agent.CollectionsCockpit";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.headlines = HEADLINES;
        this.agingBuckets = AGING;
        this.avoidedReasons = AVOIDED;
        this.state = useState({
            data: { companies: [], segments: [], collectors: [] },
            segment: false, userId: false, loading: true });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call("ar.collection.cockpit", "get_cockpit_data", [], {
            segment: this.state.segment,
            user_id: this.state.userId,
        });
        this.state.loading = false;
    }

    async onSegment(ev) {
        this.state.segment = ev.target.value || false;
        this.state.userId = false;
        await this.load();
    }

    async onCollector(ev) {
        this.state.userId = ev.target.value ? parseInt(ev.target.value) : false;
        this.state.segment = false;
        await this.load();
    }

    async refresh() {
        await this.orm.call("ar.collection.cockpit", "action_refresh", []);
        await this.load();
    }

    current(company) {
        return company.months[company.months.length - 1] || {};
    }

    previous(company) {
        return company.months[company.months.length - 2] || {};
    }

    format(company, kind, value) {
        if (value === null || value === undefined) {
            return "n/a";
        }
        switch (kind) {
            case "money":
                return formatMonetary(value, { currencyId: company.currency_id, humanReadable: true });
            case "days":
                return `${formatFloat(value, { digits: [16, 1] })} ${_t("days")}`;
            case "percent100":
                return `${formatFloat(value, { digits: [16, 1] })} %`;
            case "ratio":
                return `${formatFloat(value * 100, { digits: [16, 0] })} %`;
            case "count":
                return String(value);
            default:
                return formatFloat(value, { digits: [16, 2] });
        }
    }

    money(company, value) {
        return this.format(company, "money", value);
    }

    trend(company, headline) {
        const now = this.current(company)[headline.key];
        const before = this.previous(company)[headline.key];
        if (now === null || now === undefined || before === null || before === undefined) {
            return { text: "", css: "text-muted", arrow: "" };
        }
        const delta = now - before;
        if (Math.abs(delta) < 1e-9) {
            return { text: _t("same as last month"), css: "text-muted", arrow: "=" };
        }
        const good = (delta < 0) === (headline.better === "down");
        const shown = headline.kind === "ratio" ? delta * 100 : delta;
        const unit = headline.kind === "ratio" ? " pts" : "";
        const text =
            headline.kind === "money"
                ? this.format(company, "money", Math.abs(delta))
                : `${formatFloat(Math.abs(shown), { digits: [16, 1] })}${unit}`;
        return {
            text: `${delta > 0 ? "+" : "-"}${text} ${_t("vs last month")}`,
            css: good ? "text-success" : "text-danger",
            arrow: delta > 0 ? "▲" : "▼",
        };
    }

    sparkline(company, key) {
        const values = company.months.map((m) => m[key]);
        const known = values.filter((v) => v !== null && v !== undefined);
        if (known.length < 2) {
            return "";
        }
        const min = Math.min(...known);
        const max = Math.max(...known);
        const span = max - min || 1;
        const step = 100 / Math.max(values.length - 1, 1);
        return values
            .map((v, i) => (v === null || v === undefined ? null : `${(i * step).toFixed(1)},${(22 - ((v - min) / span) * 20).toFixed(1)}`))
            .filter(Boolean)
            .join(" ");
    }

    agingAmount(company, bucket) {
        return (this.current(company).aging || {})[bucket] || 0;
    }

    avoidedCount(company, reason) {
        return (this.current(company).avoided || {})[reason] || 0;
    }

    agingWidth(company, bucket) {
        const aging = this.current(company).aging || {};
        const total = AGING.reduce((sum, b) => sum + Math.max(aging[b] || 0, 0), 0);
        return total ? `${((Math.max(aging[bucket] || 0, 0) / total) * 100).toFixed(1)}%` : "0%";
    }

    weekWidth(company, week) {
        const max = Math.max(...company.forecast.weeks.map((w) => w.high || w.expected), 1);
        return `${((week.expected / max) * 100).toFixed(1)}%`;
    }

    pct(value) {
        return value === null || value === undefined ? "n/a" : `${formatFloat(value * 100, { digits: [16, 1] })} %`;
    }

    openFigures(viewType, measure) {
        const context = { search_default_filter_company: !this.state.segment && !this.state.userId ? 1 : 0 };
        if (this.state.segment) {
            context.search_default_filter_segment = 1;
            context.search_default_segment = this.state.segment;
        }
        if (this.state.userId) {
            context.search_default_filter_collector = 1;
            context.search_default_user_id = this.state.userId;
        }
        if (measure) {
            context.graph_measure = measure;
            context.pivot_measures = [measure];
        }
        return this.action.doAction(METRIC_ACTION, { viewType, additionalContext: context });
    }

    openForecast(viewType) {
        return this.action.doAction(FORECAST_ACTION, { viewType });
    }
}

registry.category("actions").add("ar_collections_cockpit", CollectionsCockpit);
