nvflare job log-config 35616eaa-263d-4f57-9bd3-53aa1826ac1d DEBUG --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
