"""Plans: a plan file read with bounded work (plan_yaml), validated into objects (plan), and drafted from the
texts offices publish (drafting/). Pure: it reads files and never the ledger."""
