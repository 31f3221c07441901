"""The scoring slice (bảng tiêu chí, chấm điểm thi đua khối, xếp hạng)."""
