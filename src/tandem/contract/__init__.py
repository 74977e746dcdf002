"""The typed result contract between the analysis core and every face (CLI, web, PDF, API)."""
