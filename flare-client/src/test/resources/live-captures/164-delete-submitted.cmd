nvflare job delete 4a92cdcb-ad92-4b3a-8952-249e435e1f0d --force --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
