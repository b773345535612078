import { registry } from "@web/core/registry";

// The collector's day: open the worklist, open a case, log the promise the customer
// made on the phone, and see the case leave the worklist.
registry.category("web_tour.tours").add("ar_collections_worklist_tour", {
    url: "/odoo/action-ar_collections_agent.ar_collection_escalation_action_today",
    steps: () => [
        {
            content: "The worklist lists the case with the most cash at stake first",
            trigger: ".o_list_view .o_data_row:first-child .o_data_cell:contains('Tour Big Co')",
        },
        {
            content: "The smaller case is there too",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('Tour Small Co')",
        },
        {
            content: "Open the case",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('Tour Big Co')",
            run: "click",
        },
        {
            content: "The case shows the recommended next step",
            trigger: ".o_form_view .o_field_widget[name=next_step_text]:contains('Call')",
        },
        {
            content: "Log a promise from the case",
            trigger: ".o_form_view button[name=action_log_promise]",
            run: "click",
        },
        {
            content: "Enter the promised payment date",
            trigger: ".modal .o_field_widget[name=promised_date] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Confirm the promise",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Back on the case once the dialog closed",
            trigger: "body:not(:has(.modal)) .o_form_view button[name=action_log_promise]",
        },
        {
            content: "Back to the worklist",
            trigger: ".o_breadcrumb li.o_back_button a",
            run: "click",
        },
        {
            content: "The promised case has left the worklist; the other one remains",
            trigger:
                ".o_list_view:not(:has(.o_data_cell:contains('Tour Big Co'))) .o_data_cell:contains('Tour Small Co')",
        },
    ],
});
