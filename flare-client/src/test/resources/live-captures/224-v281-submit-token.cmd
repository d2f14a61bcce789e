nvflare job submit -j /var/tmp/x/jobs/hello-numpy/hello-numpy --submit-token v281-cap-1 --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
