"""Streamlit glue. The only package in cx that imports streamlit."""
