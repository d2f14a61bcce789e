nvflare job monitor db8c38aa-883e-42f2-9ba7-b3b21921d557 --timeout 1 --interval 1 --format jsonl --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com
