nvflare job monitor c26140bf-a457-4eb3-bf19-851163ff89d1 --timeout 120 --interval 2 --format jsonl --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
