"""The Spending window: ledger, chart and budget."""
