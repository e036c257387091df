"""Demo and benchmark content: the seed_demo command's spaces, accounts and threads
(content), and the factories that write them (factories)."""
