"""The conferences slice (hội nghị sơ kết, tổng kết; biên bản; bỏ phiếu)."""
