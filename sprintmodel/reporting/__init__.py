"""Thin output layer: console tables, files written atomically, labels in Chinese or English."""
