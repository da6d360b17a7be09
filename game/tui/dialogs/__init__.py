"""Modal dialogs that return a typed value to whoever pushed them."""
