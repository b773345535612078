{
    "name": "AI Collections Agent",
    "summary": "Chases customer invoices like a careful collector: payment profiles, "
    "risk, promises, disputes, reminders that name the facts, replies read and acted on",
    "version": "19.0.1.0.0",
    "development_status": "Alpha",
    "category": "Accounting/Accounting",
    "website": "https://github.com/ar-collections/ar_collections_agent",
    "author": "ar_collections_agent contributors",
    "license": "LGPL-3",
    "external_dependencies": {"python": ["ar-collections-core"]},
    "depends": ["account", "mail"],
    "data": [
        "security/ar_collections_agent_security.xml",
    ],
}
