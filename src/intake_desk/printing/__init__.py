"""ReportLab documents and fonts (no Qt, no database).

``model`` holds the plain data the services layer hands over; ``documents`` renders the receipt,
commitment declaration, referral slip and one-time notice to PDF bytes; ``fonts`` finds and checks
the Chinese font; ``samples`` builds a realistic application for tests, benchmarks and the demo.
Importing this package does not import ReportLab (the window starts faster); ``documents`` does.
"""
