"""The reports slice (kỳ sơ kết, tổng kết; báo cáo của đơn vị)."""
