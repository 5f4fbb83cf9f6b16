// The task list's entry: Element Plus in Chinese, the router, and what a lost session does.
import { createApp } from 'vue';
import ElementPlus, { ElMessage } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router.ts';
import { whenUnauthorized } from './api.ts';
import { forget } from './session.ts';
import './style.css';

whenUnauthorized((error) => {
  forget();
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  const expired = error.id === 'auth.session_expired';
  ElMessage.warning(expired ? '登录已超时，请重新登录。' : '请先登录。');
  void router.push({
    name: 'login',
    query: { redirect: current.fullPath, ...(expired ? { reason: 'expired' } : {}) },
  });
});

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app');
