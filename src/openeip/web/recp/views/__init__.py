"""The RECP pages of a company: indicator dashboard, losses and Sankey, assessments and options.

Views only ask: who may see the company (``Company.objects.for_user``), what the RECP services
computed, and how to show it. They compute nothing the core engines compute.
"""
