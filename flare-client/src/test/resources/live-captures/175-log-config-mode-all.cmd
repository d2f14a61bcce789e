nvflare job log-config 8e4d7b43-f320-42cb-9786-f725329da588 msg_only --format json --startup-kit /var/tmp/x/nvflare/poc/example_project/prod_00/admin@nvidia.com 
