"""What the upload page, the API and the workers call.

* :mod:`.imports` — starting an import (the one entry point of the page and the API);
* :mod:`.scope` — who may import what into which park;
* :mod:`.runner` — running one import job and recording its outcome;
* :mod:`.uploads`, :mod:`.sandbox`, :mod:`.cells` — the size limit, every parse of an upload in
  a capped child process, the raw cells shown beside a problem;
* :mod:`.progress`, :mod:`.heartbeat` — how far a job has got, and whether its worker lives.
"""
