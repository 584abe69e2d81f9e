"""Access: who may do what (roles) and the tamper-evident audit chain."""
