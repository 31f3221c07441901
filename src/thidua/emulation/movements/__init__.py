"""The movements slice (phong trào, đăng ký, giao ước thi đua)."""
