nvflare job meta c26140bf-a457-4eb3-bf19-851163ff89d1 --bogus-flag --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
