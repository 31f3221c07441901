"""Reports slice: review periods (kỳ sơ kết, tổng kết), indicator templates, unit reports and the central report."""
