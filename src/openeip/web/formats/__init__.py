"""Django format modules: unambiguous dates and grouped numbers in both languages
(the same conventions as :mod:`openeip.core.formatting`)."""
