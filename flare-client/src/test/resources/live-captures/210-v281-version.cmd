nvflare --version 
