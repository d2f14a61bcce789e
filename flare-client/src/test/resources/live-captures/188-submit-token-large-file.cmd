nvflare job submit -j /var/tmp/x/jobs/hello-200mb --submit-token big-file-check-1 --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
