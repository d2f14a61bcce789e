nvflare job clone 00000000-0000-0000-0000-000000000000 --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
