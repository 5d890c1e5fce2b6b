"""The board: tier-1 pipeline and tier-2 handoff health over the published marts, read-only (Streamlit).

`queries` holds every figure the board shows as a read-only query of the marts (so the test can compare the page
with the marts), `app` draws them, and `serve` starts Streamlit on the published warehouse.
"""
