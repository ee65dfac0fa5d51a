"""The demo: the registry's demo park and accounts, then each app's demo data, in order.

Project wiring, above the apps: it is the one module that calls every app's seed, so no app
imports another to load the demo. Loading again changes nothing (each seed is idempotent).
"""

from __future__ import annotations

from typing import IO

from openeip.web.community.services.demo import seed_community_demo
from openeip.web.ecofair.services.demo import seed_ecofair_demo
from openeip.web.eip.services.demo import seed_eip_demo
from openeip.web.finance.services.demo import seed_finance_demo
from openeip.web.monitor.services.demo import seed_monitor_demo
from openeip.web.recp.services.demo import seed_recp_demo
from openeip.web.registry.services.demo import DEMO_COMPANY_CODE, DemoAccount, load_demo_park
from openeip.web.services.services.demo import seed_services_demo
from openeip.web.symbiosis.services.demo import seed_symbiosis_demo
from openeip.web.training.services.demo import seed_training_demo

__all__ = ["load_demo"]


def load_demo(stdout: IO[str] | None = None, seed: int = 2024) -> list[DemoAccount]:
    """Load the demo park and every app's demo data; return the demo accounts."""
    park, accounts = load_demo_park(stdout, seed)
    # Industrial symbiosis: streams, matches, optimal network, a demo pipeline; before RECP, so
    # the companies' snapshots are computed after its audit entries
    seed_symbiosis_demo(park, stdout)
    # RECP: every company's indicators and a quick scan with evaluated options
    seed_recp_demo(park, DEMO_COMPANY_CODE, stdout)
    # EIP: DEMO evidence, assessments under both editions, a plan; after RECP and symbiosis,
    # whose records it counts
    seed_eip_demo(park, stdout)
    # Green finance: lenders, the lender officer, projects from the RECP options at every stage
    accounts.append(seed_finance_demo(park, DEMO_COMPANY_CODE, stdout))
    # Shared services: the dyeing cluster's common wastewater plant and its cost allocation
    seed_services_demo(park, stdout)
    # Eco-Fair: certified products (one expired), the showcase, a brokered match; after the
    # services, whose published plant the showcase shows
    seed_ecofair_demo(park, stdout)
    # Monitoring: meters with two years of readings; verifies the lead company's electricity
    # option with its meter (after RECP, whose options it verifies)
    seed_monitor_demo(park, DEMO_COMPANY_CODE, stdout, seed)
    # People of the park: grievances at several stages (one escalated), a dialogue meeting whose
    # commitments became plan actions; after EIP, whose plan they join
    seed_community_demo(park, stdout)
    # Capacity building: courses, sessions, attendance, certificates and the trainer account
    accounts = [*accounts, seed_training_demo(park, stdout)]
    return accounts
