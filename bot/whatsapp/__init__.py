"""The WhatsApp Cloud API channel: webhook signature, updates → Incoming, Reply → Graph API
messages, and the adapter the web server and the outbox dispatcher use."""
