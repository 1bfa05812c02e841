"""受理 – the intake flow from applicant to receipt number."""
