# Facts of the ssh module: Gardien's sshd drop-ins (its own, the sites' SFTP one) and whether sshd
# runs. Changes nothing.
printf '{"dropIn":'
jfile /etc/ssh/sshd_config.d/00-gardien.conf
printf ',"sitesDropIn":'
jfile /etc/ssh/sshd_config.d/50-gardien-sites.conf
printf ',"active":'
jstr "$(systemctl is-active ssh.service 2>/dev/null)"
printf '}'
