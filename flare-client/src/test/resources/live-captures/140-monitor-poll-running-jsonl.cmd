nvflare job monitor 25df360b-ce80-4552-82f9-805c443dfcd9 --timeout 1 --interval 1 --format jsonl --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
