"""cx: the customer-experience workbench. All logic lives here; only cx.ui imports streamlit."""
