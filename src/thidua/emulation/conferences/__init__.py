"""Conferences slice: review conferences (hội nghị sơ kết, tổng kết), attendees, agenda, outcomes, minutes and the
block leadership handed over or elected there."""
