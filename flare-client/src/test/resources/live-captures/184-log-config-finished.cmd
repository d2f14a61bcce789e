nvflare job log-config 97d8752d-ab2a-46a5-9eee-44200893a217 DEBUG --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
